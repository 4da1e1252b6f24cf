# Fetches the tree-sitter grammars with the npm client at configure time,
# pinned by version and sha256, and builds each as a static C library.
# Grammar sources are never committed; the tarballs are cached so that a
# rebuild (or another build folder) needs no network.
#
# Versions: tree-sitter-python 0.23.6 is the newest release whose generated
# parser is ABI 14, which Debian 12's libtree-sitter 0.20.7 still loads
# (0.25 is ABI 15). tree-sitter-json 0.24.8 is ABI 14 as well.

set(FAASLINT_GRAMMAR_CACHE "$ENV{HOME}/.cache/faaslint/grammars"
    CACHE PATH "Where fetched grammar tarballs are kept between builds")

function(faaslint_fetch_grammar name version sha256)
  set(tarball "${FAASLINT_GRAMMAR_CACHE}/${name}-${version}.tgz")
  set(need_fetch TRUE)
  if(EXISTS "${tarball}")
    file(SHA256 "${tarball}" have)
    if(have STREQUAL sha256)
      set(need_fetch FALSE)
    else()
      message(STATUS "${name}: cached tarball has the wrong checksum, fetching again")
      file(REMOVE "${tarball}")
    endif()
  endif()
  if(need_fetch)
    find_program(NPM npm)
    if(NOT NPM)
      message(FATAL_ERROR "npm is needed once to fetch ${name}@${version} (apt-get install npm)")
    endif()
    file(MAKE_DIRECTORY "${FAASLINT_GRAMMAR_CACHE}")
    set(tmp "${FAASLINT_GRAMMAR_CACHE}/tmp-${name}")
    file(REMOVE_RECURSE "${tmp}")
    file(MAKE_DIRECTORY "${tmp}")
    execute_process(
      COMMAND "${NPM}" pack --ignore-scripts --silent "${name}@${version}"
      WORKING_DIRECTORY "${tmp}"
      RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
    if(NOT rc EQUAL 0 OR NOT EXISTS "${tmp}/${name}-${version}.tgz")
      message(FATAL_ERROR "npm pack ${name}@${version} failed (${rc}): ${err}")
    endif()
    file(SHA256 "${tmp}/${name}-${version}.tgz" have)
    if(NOT have STREQUAL sha256)
      message(FATAL_ERROR "${name}@${version}: sha256 ${have} does not match the pinned ${sha256}")
    endif()
    file(RENAME "${tmp}/${name}-${version}.tgz" "${tarball}")
    file(REMOVE_RECURSE "${tmp}")
  endif()

  set(dir "${CMAKE_BINARY_DIR}/_grammars/${name}-${version}")
  if(NOT EXISTS "${dir}/package/src/parser.c")
    file(MAKE_DIRECTORY "${dir}")
    file(ARCHIVE_EXTRACT INPUT "${tarball}" DESTINATION "${dir}")
  endif()
  set(srcs "${dir}/package/src/parser.c")
  if(EXISTS "${dir}/package/src/scanner.c")
    list(APPEND srcs "${dir}/package/src/scanner.c")
  endif()
  string(REPLACE "tree-sitter-" "" short "${name}")
  add_library(grammar_${short} STATIC ${srcs})
  # Compiled against the grammar's own parser.h, as C, without our warnings.
  target_include_directories(grammar_${short} PRIVATE "${dir}/package/src")
  set_target_properties(grammar_${short} PROPERTIES C_STANDARD 11 POSITION_INDEPENDENT_CODE ON)
  target_compile_options(grammar_${short} PRIVATE -w -O2)
endfunction()

faaslint_fetch_grammar(tree-sitter-python 0.23.6
  aab5b860d93dbf84b37fed532f7dacc0468ede5387d0c74911d68f964287662a)
faaslint_fetch_grammar(tree-sitter-json 0.24.8
  39e96d1e4231d200562ebd69105151cd43f58dda4b18a0e9a62fe2991da35b9c)
