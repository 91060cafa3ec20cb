namespace SimGan.Core.Training.Loop;

/// <summary>Something the training loop needs done; its runner does it (in this process, or across the cluster) and reports back.</summary>
public abstract record LoopWork;

/// <summary>
/// Compute slice <paramref name="Slice"/> of R's step <paramref name="Step"/>: rows <paramref name="Rows"/> of the
/// synthetic batch number <paramref name="Batch"/> (<see cref="DataStream.SyntheticForRefiner"/>), with R and D at the
/// given versions, its loss multiplied by <paramref name="LossScale"/> for the backward pass (1 unless in fp16).
/// Answered by <see cref="RefinerSliceDone"/>.
/// </summary>
public sealed record ComputeRefinerSlice(long Step, int Slice, long Batch, RowRange Rows, int BatchRows, bool Adversarial,
                                         long RefinerVersion, long DiscriminatorVersion, float LossScale = 1f) : LoopWork;

/// <summary>Add the slices' gradients in slice order and step R's optimizer. Answered by <see cref="RefinerStepApplied"/>.</summary>
public sealed record ApplyRefinerStep(long Step, IReadOnlyList<RefinerSliceGradient> Slices) : LoopWork;

/// <summary>Compute slice <paramref name="Slice"/> of D's step (see <see cref="DiscriminatorSliceRows"/>). Answered by <see cref="DiscriminatorSliceDone"/>.</summary>
public sealed record ComputeDiscriminatorSlice(long Step, int Slice, DiscriminatorSliceRows Rows, long RefinerVersion,
                                               long DiscriminatorVersion, float LossScale = 1f) : LoopWork;

/// <summary>Add the slices' gradients in slice order and step D's optimizer. Answered by <see cref="DiscriminatorStepApplied"/>.</summary>
public sealed record ApplyDiscriminatorStep(long Step, IReadOnlyList<SliceGradient> Slices) : LoopWork;

/// <summary>
/// A step finished: report it (metrics, event journal). Needs no answer. The loop keeps no clock, so the record's
/// images per second is for the runner to fill in from the step's <paramref name="Images"/> and its own timing.
/// </summary>
public sealed record RecordStep(StepRecord Record, int Images) : LoopWork;

/// <summary>Refine the sample batch and show it (a sample sheet, a health check). Needs no answer.</summary>
public sealed record EmitSamples(long Step) : LoopWork;

/// <summary>Save the whole state after <paramref name="Step"/> steps. Answered by <see cref="CheckpointSaved"/>; the loop waits for it.</summary>
public sealed record SaveCheckpoint(long Step) : LoopWork;

/// <summary>The step budget is spent and the last state is saved.</summary>
public sealed record LoopFinished(long Step) : LoopWork;
