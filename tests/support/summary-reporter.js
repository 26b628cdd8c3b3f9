// Prints one plain closing line ("N passed, N failed") that CI reads whatever the runner.
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests
    const line = `tests: ${results.numPassedTests} passed, ${results.numFailedTests} failed` + (skipped ? `, ${skipped} skipped` : '')
    process.stdout.write(`\n${line}\n`)
  }
}
module.exports = SummaryReporter
