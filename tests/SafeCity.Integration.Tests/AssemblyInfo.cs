// Each collection starts a whole platform of its own; two at once on two cores would make every
// timing in the fault tests a test of the machine instead.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
