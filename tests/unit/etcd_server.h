/* A real etcd for a test: one member on free loopback ports, a data folder
 * under the test's, started and stopped by the test itself.  Without etcd
 * installed the test fails, saying what to install: never skipped. */
#ifndef WINECLUS_TEST_ETCD_SERVER_H
#define WINECLUS_TEST_ETCD_SERVER_H

#include "cs_etcd.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static pid_t etcd_pid = -1;
static unsigned etcd_port;

static unsigned etcd_free_port(void)
{
    struct sockaddr_in a = { .sin_family = AF_INET };
    socklen_t len = sizeof(a);
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    unsigned port = 0;

    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (fd >= 0 && !bind(fd, (struct sockaddr *)&a, sizeof(a)) && !getsockname(fd, (struct sockaddr *)&a, &len))
        port = ntohs(a.sin_port);
    if (fd >= 0)
        close(fd);
    return port;
}

static void etcd_stop(void)
{
    if (etcd_pid > 0) {
        kill(etcd_pid, SIGTERM);
        waitpid(etcd_pid, NULL, 0);
        etcd_pid = -1;
    }
}

/* 0 once etcd answers; else a message on stderr and -1. */
static int etcd_start(const char *root)
{
    char dir[512], log[512], client[64], peer[64], cluster[80];
    unsigned pport, i;
    int status;

    etcd_port = etcd_free_port();
    pport = etcd_free_port();
    while (pport == etcd_port)
        pport = etcd_free_port();
    snprintf(dir, sizeof(dir), "%s/etcd-data", root);
    snprintf(log, sizeof(log), "%s/etcd.log", root);
    snprintf(client, sizeof(client), "http://127.0.0.1:%u", etcd_port);
    snprintf(peer, sizeof(peer), "http://127.0.0.1:%u", pport);
    snprintf(cluster, sizeof(cluster), "t=%s", peer);
    etcd_pid = fork();
    if (etcd_pid == 0) {
        int fd = open(log, O_WRONLY | O_CREAT | O_TRUNC, 0600);

        /* A test killed (a timeout, ^C) takes its etcd with it. */
        prctl(PR_SET_PDEATHSIG, SIGTERM);
        if (fd >= 0) {
            dup2(fd, 1);
            dup2(fd, 2);
        }
        execlp("etcd", "etcd", "--name", "t", "--data-dir", dir, "--listen-client-urls", client,
               "--advertise-client-urls", client, "--listen-peer-urls", peer, "--initial-advertise-peer-urls",
               peer, "--initial-cluster", cluster, "--log-level", "error", (char *)NULL);
        _exit(127);
    }
    for (i = 0; i < 200; i++) {
        char url[96], why[256];
        cs_etcd_url u;
        cs_etcd *c;
        cs_etcd_op get = { 0, "/probe", NULL, NULL, 0 };
        cs_etcd_result res;
        struct timespec ts = { 0, 50 * 1000000L };

        if (waitpid(etcd_pid, &status, WNOHANG) == etcd_pid) {
            etcd_pid = -1;
            fprintf(stderr, WIFEXITED(status) && WEXITSTATUS(status) == 127
                                ? "etcd is not installed: apt-get install etcd-server etcd-client\n"
                                : "etcd exited at its start: see %s\n", log);
            return -1;
        }
        snprintf(url, sizeof(url), "etcd://127.0.0.1:%u/probe", etcd_port);
        if (!cs_etcd_parse_url(url, &u, why, sizeof(why)) && !cs_etcd_connect(&u, &c, why, sizeof(why))) {
            uint32_t err = cs_etcd_txn(c, NULL, &get, 1, NULL, 0, &res, why, sizeof(why));
            cs_etcd_free(c);
            if (!err) {
                cs_etcd_result_free(&res);
                return 0;
            }
        }
        nanosleep(&ts, NULL);
    }
    fprintf(stderr, "etcd did not answer on port %u within 10 s: see %s\n", etcd_port, log);
    etcd_stop();
    return -1;
}

#endif
