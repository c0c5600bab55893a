// Each collection starts a platform of its own: one at a time, on two cores.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
