"""The test suite: a package, so that test folders never shadow the packages they test."""
