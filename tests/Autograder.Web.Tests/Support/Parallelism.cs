// Hangfire keeps its job storage in a process-wide static: two apps in one test process would share one queue
// across their databases, so the test classes (each an app of its own) run one after another.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
