using System.Numerics;
using Backprop.Layers;

namespace Backprop.Optimizers;

/// <summary>Updates parameters from their gradients, θ ← θ − α·(step direction), keeping whatever per-parameter state it
/// needs (velocities, squared-gradient averages). One optimiser instance serves one model.</summary>
public interface IOptimizer
{
    /// <summary>Name used in files and on the command line ("gd", "momentum", "rmsprop", "adam").</summary>
    string Name { get; }

    /// <summary>The learning rate α (a schedule may change it between steps).</summary>
    double LearningRate { get; set; }

    /// <summary>Applies one update to every parameter from its current gradient.</summary>
    void Step<T>(IReadOnlyList<Parameter<T>> parameters) where T : unmanaged, IFloatingPointIeee754<T>;
}
