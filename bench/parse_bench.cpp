// The floor of this design: read and tree-sitter-parse every .py/.pyi file under DIR,
// nothing else (no module model, no rules). faaslint check --all can't be faster than
// this per core. Usage: faaslint_parse_bench DIR [THREADS] [model|walk]
// With "model" it also builds the module model (python::ParseModule), so the cost of the
// walk can be separated from the parse; with "walk" it visits every node of each tree
// with one tree cursor (depth first, reading each node's type and field), the least a
// walk through tree-sitter's API can cost. Prints files, bytes, nodes and milliseconds.
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <tree_sitter/api.h>

#include "python/module.h"
#include "python/parser.h"

namespace fs = std::filesystem;

namespace {

bool ReadFile(const fs::path& path, std::string* content) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream buffer;
  buffer << in.rdbuf();
  *content = std::move(buffer).str();
  return true;
}

// Every node of the tree, depth first, with one cursor: the number of nodes visited. The
// type and field reads are calls into libtree-sitter, which the compiler cannot drop.
size_t WalkWithOneCursor(const TSTree* tree) {
  TSTreeCursor cursor = ts_tree_cursor_new(ts_tree_root_node(tree));
  size_t nodes = 0;
  bool descending = true;
  for (;;) {
    if (descending) {
      ++nodes;
      (void)ts_node_symbol(ts_tree_cursor_current_node(&cursor));
      (void)ts_tree_cursor_current_field_id(&cursor);
      if (ts_tree_cursor_goto_first_child(&cursor)) continue;
    }
    if (ts_tree_cursor_goto_next_sibling(&cursor)) {
      descending = true;
      continue;
    }
    descending = false;
    if (!ts_tree_cursor_goto_parent(&cursor)) break;
  }
  ts_tree_cursor_delete(&cursor);
  return nodes;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s DIR [THREADS] [model|walk]\n", argv[0]);
    return 2;
  }
  unsigned threads = argc > 2 ? static_cast<unsigned>(std::max(1, std::atoi(argv[2]))) : 1;
  const std::string mode = argc > 3 ? argv[3] : "";
  const bool model = mode == "model", walk = mode == "walk";
  if (!mode.empty() && !model && !walk) {
    std::fprintf(stderr, "%s: unknown mode '%s' (model or walk)\n", argv[0], mode.c_str());
    return 2;
  }
  auto start = std::chrono::steady_clock::now();
  std::vector<fs::path> files;
  std::error_code error;
  for (fs::recursive_directory_iterator it(argv[1], error), end; !error && it != end; it.increment(error)) {
    if (it->is_directory() && it->path().filename() == ".git") {
      it.disable_recursion_pending();
      continue;
    }
    auto extension = it->path().extension();
    if (it->is_regular_file() && (extension == ".py" || extension == ".pyi")) files.push_back(it->path());
  }
  std::atomic<size_t> next{0}, bytes{0}, failed{0}, nodes{0};
  auto work = [&] {
    faaslint::python::Parser parser;
    std::string content;
    for (size_t i = next++; i < files.size(); i = next++) {
      if (!ReadFile(files[i], &content)) {
        ++failed;
        continue;
      }
      bytes += content.size();
      if (model) {
        faaslint::python::ParseModule(parser, files[i].string(), std::move(content));
      } else if (faaslint::python::TreePtr tree = parser.Parse(content); !tree) {
        ++failed;
      } else if (walk) {
        nodes += WalkWithOneCursor(tree.get());
      }
    }
  };
  std::vector<std::thread> pool;
  for (unsigned i = 1; i < threads; ++i) pool.emplace_back(work);
  work();
  for (std::thread& thread : pool) thread.join();
  double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  std::printf("%s: %zu files, %zu bytes, %zu nodes walked, %u thread(s), %.1f ms%s\n",
              model ? "parse+model" : walk ? "parse+walk" : "parse", files.size(), bytes.load(), nodes.load(), threads,
              ms, failed ? " (some files failed)" : "");
  return failed ? 1 : 0;
}
