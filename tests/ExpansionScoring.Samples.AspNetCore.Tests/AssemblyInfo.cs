// Each test class starts its own sample host. WebApplicationFactory finds the host a top-level Program builds through a
// process-wide diagnostic listener, so hosts started at the same moment can be mixed up; start them one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
