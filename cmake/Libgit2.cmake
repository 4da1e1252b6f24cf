# faaslint_libgit2: libgit2, from its static archive when Debian's libgit2-dev and the
# packages it depends on ship every archive it needs, else the shared library.
#
# Why static: the shared libgit2 brings its own shared dependencies (TLS, SSH, PCRE,
# HTTP, zlib; 23 shared libraries in all, 14 with the archives), and on this project's
# machines the dynamic loader's page faults for them were most of a run's start:
# `faaslint --version` took 22.5-23.3 ms, against 18.5-18.7 ms with the archives
# (perf stat -r 40; docs/BENCHMARKS.md, fourteenth round). A pre-commit run on a small
# change is mostly that start.
#
# The archives, in link order, are the ones Debian's libgit2.pc lists for a static link
# (`pkg-config --static --libs libgit2`) plus libcrypto, which libssh2.a needs. GSSAPI
# (HTTP Negotiate auth) has no archive in Debian and stays a shared object.
#
# git/skip_ca_bundle.cpp keeps mbedTLS from loading the CA bundle: with the shared
# library by defining the two loaders in the executable, with the archives by the
# linker's --wrap (FAASLINT_LIBGIT2_STATIC tells it which).
option(FAASLINT_STATIC_LIBGIT2 "Link libgit2 from its static archive when the system has it" ON)

set(FAASLINT_LIBGIT2_ARCHIVES git2 mbedtls mbedx509 mbedcrypto http_parser ssh2 pcre2-8 z crypto)
set(_faaslint_libgit2_static ${FAASLINT_STATIC_LIBGIT2})
# Sanitizer builds keep the shared library: nothing there is timed by the millisecond.
if(FAASLINT_SANITIZE OR FAASLINT_FUZZ)
  set(_faaslint_libgit2_static OFF)
endif()
set(_faaslint_libgit2_paths "")
if(_faaslint_libgit2_static)
  foreach(name ${FAASLINT_LIBGIT2_ARCHIVES})
    find_library(FAASLINT_ARCHIVE_${name} NAMES lib${name}.a HINTS ${LIBGIT2_LIBRARY_DIRS})
    if(NOT FAASLINT_ARCHIVE_${name})
      message(STATUS "libgit2: no lib${name}.a, linking the shared library")
      set(_faaslint_libgit2_static OFF)
      break()
    endif()
    list(APPEND _faaslint_libgit2_paths ${FAASLINT_ARCHIVE_${name}})
  endforeach()
  find_library(FAASLINT_GSSAPI NAMES gssapi_krb5 libgssapi_krb5.so.2)
  if(NOT FAASLINT_GSSAPI)
    message(STATUS "libgit2: no libgssapi_krb5, linking the shared library")
    set(_faaslint_libgit2_static OFF)
  endif()
endif()

add_library(faaslint_libgit2 INTERFACE)
if(_faaslint_libgit2_static)
  message(STATUS "libgit2: linking the static archives")
  target_include_directories(faaslint_libgit2 INTERFACE ${LIBGIT2_INCLUDE_DIRS})
  target_link_libraries(faaslint_libgit2 INTERFACE ${_faaslint_libgit2_paths} ${FAASLINT_GSSAPI} rt Threads::Threads)
  # Only the file that stands in for the CA loaders needs to know.
  set_source_files_properties(${CMAKE_SOURCE_DIR}/src/git/skip_ca_bundle.cpp
    PROPERTIES COMPILE_DEFINITIONS FAASLINT_LIBGIT2_STATIC=1)
  target_link_options(faaslint_libgit2 INTERFACE
    LINKER:--wrap=mbedtls_x509_crt_parse_file LINKER:--wrap=mbedtls_x509_crt_parse_path)
else()
  target_link_libraries(faaslint_libgit2 INTERFACE PkgConfig::LIBGIT2)
endif()
