# Helpers shared by every CMakeLists.txt of the project.

# Warnings as errors for our own code (never for generated protobuf code).
function(schutznetz_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Werror -Wno-missing-field-initializers)
endfunction()

# schutznetz_library(<name> SOURCES ... DEPS ...)
# A static library target schutznetz_<name>; headers are included as "libs/<name>/x.h".
function(schutznetz_library name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  add_library(schutznetz_${name} STATIC ${ARG_SOURCES})
  target_include_directories(schutznetz_${name} PUBLIC ${PROJECT_SOURCE_DIR})
  target_link_libraries(schutznetz_${name} PUBLIC ${ARG_DEPS})
  schutznetz_warnings(schutznetz_${name})
endfunction()

# schutznetz_test(<name> LABEL unit|db|e2e SOURCES ... DEPS ...)
# One GoogleTest binary; every TEST becomes a ctest entry carrying the label, so
# `ctest -L unit` runs in seconds and `ctest` runs everything.
function(schutznetz_test name)
  cmake_parse_arguments(ARG "" "LABEL;TIMEOUT" "SOURCES;DEPS" ${ARGN})
  if(NOT ARG_TIMEOUT)
    set(ARG_TIMEOUT 120)
  endif()
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE ${ARG_DEPS} GTest::gtest GTest::gmock GTest::gtest_main)
  target_compile_definitions(${name} PRIVATE
    SCHUTZNETZ_SOURCE_DIR="${PROJECT_SOURCE_DIR}" SCHUTZNETZ_BUILD_DIR="${PROJECT_BINARY_DIR}")
  schutznetz_warnings(${name})
  set(properties LABELS ${ARG_LABEL} TIMEOUT ${ARG_TIMEOUT})
  if(ARG_LABEL STREQUAL "db")
    # Database tests share one cluster per ctest run (tests/support/test_cluster_main.cc).
    list(APPEND properties FIXTURES_REQUIRED pg
         ENVIRONMENT "SCHUTZNETZ_TEST_CLUSTER=${PROJECT_BINARY_DIR}/test-cluster")
  endif()
  gtest_discover_tests(${name}
    TEST_PREFIX "${name}."
    PROPERTIES ${properties}
    DISCOVERY_TIMEOUT 60)
endfunction()
