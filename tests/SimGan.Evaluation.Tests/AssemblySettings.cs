// TorchSharp's random seed is process-wide: tests that train networks in parallel would draw from one another's
// stream and lose determinism. With two cores there is little to gain from parallel tests anyway.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
