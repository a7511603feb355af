using System.Numerics;
using Backprop.Layers;

namespace Backprop.Optimizers;

/// <summary>An optimiser whose update depends on earlier steps (velocities, squared-gradient averages, a step count),
/// so a checkpoint must save its state for a resumed run to be bit-identical. <see cref="Optimizer.ExportState"/> and
/// <see cref="Optimizer.ImportState"/> accept any optimiser, stateful or not.</summary>
public interface IStatefulOptimizer : IOptimizer
{
    /// <summary>A copy of the state kept for <paramref name="parameters"/> (zeros for a parameter not yet stepped).</summary>
    OptimizerState ExportState<T>(IReadOnlyList<Parameter<T>> parameters) where T : unmanaged, IFloatingPointIeee754<T>;

    /// <summary>Replaces the state kept for <paramref name="parameters"/> with <paramref name="state"/>, which must come
    /// from the same kind of optimiser and a model of the same shape (checked before anything changes).</summary>
    void ImportState<T>(IReadOnlyList<Parameter<T>> parameters, OptimizerState state) where T : unmanaged, IFloatingPointIeee754<T>;
}
