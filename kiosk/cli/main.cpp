#include <iostream>

#include "kiosk/cli/cli.h"

int main(int argc, char** argv) {
    return motcua::cli::run(argc, argv, std::cout, std::cerr);
}
