// Commands and their output: exit status, error text, and standard output (src/assert/output.ts).
import { Then } from '@cucumber/cucumber';
import type { KspecWorld } from './world';
import {
  expectErrorOutput,
  expectExitStatus,
  expectFailed,
  expectOutput,
  expectOutputContains,
  expectOutputMatches,
  expectOutputNotContains,
  expectSucceeded,
} from '../src/assert/output';

// The last command exited 0; e.g. `Then the command succeeds`
Then('the command succeeds', function (this: KspecWorld) {
  expectSucceeded(this.lastResult());
});
// The last command exited non-zero; e.g. `Then the command fails`
Then('the command fails', function (this: KspecWorld) {
  expectFailed(this.lastResult());
});

// The last command's exit status; e.g. `Then the exit status is 3` (kubectl run -i exits with the container's code)
Then('the exit status is {int}', function (this: KspecWorld, code: number) {
  expectExitStatus(this.lastResult(), code);
});

// Standard error equals the docstring, whether the command failed or not (kubectl's notices); e.g. `Then the error output is:` and a line
Then('the error output is:', function (this: KspecWorld, expected: string) {
  expectErrorOutput(this.lastResult(), expected);
});

// The last command failed and its error output contains the text; e.g. `Then the command fails with "NotFound"`
Then('the command fails with {string}', function (this: KspecWorld, text: string) {
  expectFailed(this.lastResult(), text);
});
// The last command failed and its error output contains the docstring; e.g. `Then the command fails with:` and an RBAC rule list
Then('the command fails with:', function (this: KspecWorld, text: string) {
  expectFailed(this.lastResult(), text);
});

// Standard output equals the docstring, trailing spaces and newlines aside; e.g. `Then the output is:` and a table
Then('the output is:', function (this: KspecWorld, expected: string) {
  expectOutput(this.lastResult(), expected);
});
// Standard output contains the text; e.g. `Then the output contains "deployment.apps/web scaled"`
Then('the output contains {string}', function (this: KspecWorld, text: string) {
  expectOutputContains(this.lastResult(), text);
});
// Standard output contains the docstring; e.g. `Then the output contains:` and two lines
Then('the output contains:', function (this: KspecWorld, text: string) {
  expectOutputContains(this.lastResult(), text);
});
// Standard output lacks the text; e.g. `Then the output does not contain "web-2"`
Then('the output does not contain {string}', function (this: KspecWorld, text: string) {
  expectOutputNotContains(this.lastResult(), text);
});
// `new RegExp(pattern).test(output)`, no flags, where the output is what `the output is:` compares (trailing
// newlines removed), so `^web-[a-z0-9]+$` matches a one-line output; e.g. `Then the output matches "^web-[a-z0-9]+$"`
Then('the output matches {string}', function (this: KspecWorld, pattern: string) {
  expectOutputMatches(this.lastResult(), pattern);
});
