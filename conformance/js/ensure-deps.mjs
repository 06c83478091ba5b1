// Run by Maven (conformance/pom.xml and bench/pom.xml, phase pre-integration-test) in a folder with a package.json:
// `npm ci --no-audit --no-fund`, unless node_modules was already installed by this script from the same package.json
// and package-lock.json.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";

const STAMP = "node_modules/.hubbub-installed-from";
const wanted = createHash("sha256")
  .update(readFileSync("package.json"))
  .update(readFileSync("package-lock.json"))
  .update(process.version)
  .digest("hex");

if (existsSync(STAMP) && readFileSync(STAMP, "utf8") === wanted) {
  console.log(`${process.cwd()}: node_modules is up to date`);
} else {
  execFileSync("npm", ["ci", "--no-audit", "--no-fund"], { stdio: "inherit" });
  writeFileSync(STAMP, wanted);
}
