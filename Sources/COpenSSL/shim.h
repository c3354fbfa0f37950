#ifndef CREDKIT_COPENSSL_SHIM_H
#define CREDKIT_COPENSSL_SHIM_H

/* The low-level SHA*_CTX structs are plain memory: copying a precomputed
   HMAC pad state is a memcpy, with no allocation (EVP contexts allocate on copy). */
#define OPENSSL_SUPPRESS_DEPRECATED 1

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>
#include <openssl/sha.h>
#include <openssl/err.h>

#endif
