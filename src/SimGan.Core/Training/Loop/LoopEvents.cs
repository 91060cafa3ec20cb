namespace SimGan.Core.Training.Loop;

/// <summary>Something that happened that the training loop asked for.</summary>
public abstract record LoopEvent(long Step);

public sealed record RefinerSliceDone(long Step, int Slice, RefinerSliceGradient Result) : LoopEvent(Step);

public sealed record RefinerStepApplied(long Step, RefinerLosses Losses) : LoopEvent(Step);

public sealed record DiscriminatorSliceDone(long Step, int Slice, SliceGradient Result) : LoopEvent(Step);

/// <param name="Skipped">The summed gradient was not finite (fp16 overflow), so the optimizer did not step.</param>
public sealed record DiscriminatorStepApplied(long Step, double Loss, bool Skipped = false) : LoopEvent(Step);

public sealed record CheckpointSaved(long Step) : LoopEvent(Step);
