// faaslint reads local repositories only: it never fetches, pushes or opens a connection.
// Debian's libgit2 1.5 is built with mbedTLS, and git_libgit2_init() loads the system CA
// bundle through mbedTLS (libgit2 src/libgit2/streams/mbedtls.c, the default cert location
// set at build time; no option or environment variable skips it): about 56 M instructions,
// 12% of a `faaslint check --staged` on three files (docs/BENCHMARKS.md).
//
// These definitions take the place of mbedTLS's two certificate loaders for this process,
// so the bundle is not parsed. With the shared libraries the executable's symbols come
// first in the dynamic linker's lookup; with libgit2's static archives
// (cmake/Libgit2.cmake) the linker's --wrap sends libgit2's calls here instead. Were TLS
// ever used, the trust store would be empty and every certificate check would fail:
// closed, not open. With an OpenSSL build of libgit2 they are unused.
#ifdef FAASLINT_LIBGIT2_STATIC
#define FAASLINT_CA_LOADER(name) __wrap_##name
#else
#define FAASLINT_CA_LOADER(name) name
#endif

extern "C" {
struct mbedtls_x509_crt;
int FAASLINT_CA_LOADER(mbedtls_x509_crt_parse_file)(mbedtls_x509_crt* /*chain*/, const char* /*path*/) { return 0; }
int FAASLINT_CA_LOADER(mbedtls_x509_crt_parse_path)(mbedtls_x509_crt* /*chain*/, const char* /*path*/) { return 0; }
}
