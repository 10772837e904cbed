#!/usr/bin/env node
// Thin entry: load the built CLI and hand it the process's streams.
import { main } from "../dist/main.js";

main();
