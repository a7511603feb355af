namespace Backprop.Optimizers;

/// <summary>Everything an optimiser carries from one step to the next, for checkpoints: its kind ("momentum",
/// "rmsprop", "adam", "schedule", or a stateless optimiser's <see cref="IOptimizer.Name"/>), the number of steps it has
/// taken (Adam's t), and its per-parameter buffers as named arrays in a fixed order: slot by slot (v, then s), and
/// within a slot in parameter order ("v.W1", "v.b1", "v.W2", …, "s.W1", …). Values are stored as double, which holds
/// a float exactly, so export → import → continue is bit-identical to an uninterrupted run.
/// A decorator with state of its own (<see cref="ScheduledOptimizer"/>) keeps its wrapped optimiser's state in
/// <see cref="Inner"/>.</summary>
public sealed record OptimizerState(string Optimizer, int Steps, IReadOnlyList<OptimizerStateArray> Arrays, OptimizerState? Inner = null);

/// <summary>One named buffer of an <see cref="OptimizerState"/>, e.g. "v.W1" (velocity of W1), with as many values as
/// the parameter has, in its row-major order.</summary>
public sealed record OptimizerStateArray(string Name, double[] Values);
