// Scaffolding: replaced by the CLI.
#include <cstdio>
int main() { std::fputs("faaslint: the CLI is being built\n", stderr); return 2; }
