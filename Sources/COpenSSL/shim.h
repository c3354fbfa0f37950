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
#include <openssl/ssl.h>
#include <openssl/x509v3.h>

/* Function-like macros do not reach Swift; these wrap the ones TLSStream needs. */

static inline int credkit_ssl_ctx_set_min_tls12(SSL_CTX *ctx) {
    return (int)SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION);
}

static inline int credkit_ssl_set_server_name(SSL *ssl, const char *name) {
    return (int)SSL_set_tlsext_host_name(ssl, name);
}

#endif
