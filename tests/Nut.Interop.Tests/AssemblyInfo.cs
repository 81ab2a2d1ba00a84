// These tests run real daemons (ours and Debian's) on a 2-core machine: one class at a time keeps them
// from starving each other into time-outs.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
