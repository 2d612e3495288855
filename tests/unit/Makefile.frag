# Unit tests of libs/clusstore.  Only cs_*.c: the backup_*/restore_*/fsio*
# files in the same folder belong to the backup writer and need -lcrypto.
CLUSSTORE_SRC = $(wildcard libs/clusstore/cs_*.c)
TEST_CFLAGS = -std=c11 -g -O1 -fsanitize=address,undefined -fno-sanitize-recover=all -Wall -Wextra -Werror

build/test_store: $(CLUSSTORE_SRC) tests/unit/test_store.c tests/unit/check.h libs/clusstore/clusstore.h
	mkdir -p build
	clang $(TEST_CFLAGS) -I libs/clusstore $(CLUSSTORE_SRC) tests/unit/test_store.c -lsqlite3 -o $@

check-store: build/test_store
	./build/test_store
