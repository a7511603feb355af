using System.Numerics;
using Backprop.Layers;

namespace Backprop.Optimizers;

/// <summary>An optimiser's per-parameter buffers (one array per slot, e.g. v and s, each as long as the parameter),
/// allocated zeroed on a parameter's first step and reused after, so a steady-state step allocates nothing.
/// Keyed by the parameter object itself.</summary>
internal sealed class ParameterStates(string optimizer, params string[] slots)
{
    private readonly Dictionary<object, object> _buffers = new(ReferenceEqualityComparer.Instance);

    /// <summary>The buffers of <paramref name="parameter"/>, one per slot.</summary>
    public T[][] For<T>(Parameter<T> parameter) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!_buffers.TryGetValue(parameter, out var found))
        {
            var created = new T[slots.Length][];
            for (int k = 0; k < slots.Length; k++) created[k] = new T[parameter.Value.Length];
            _buffers[parameter] = found = created;
        }
        return found as T[][] ?? throw new InvalidOperationException(
            $"The {optimizer} optimiser stepped parameter {parameter.Name} with another element type before; use one optimiser per model.");
    }

    public OptimizerState Export<T>(IReadOnlyList<Parameter<T>> parameters, int steps) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var arrays = new List<OptimizerStateArray>(slots.Length * parameters.Count);
        for (int k = 0; k < slots.Length; k++)
            foreach (var p in parameters)
            {
                var values = new double[p.Value.Length];
                if (_buffers.TryGetValue(p, out var found))
                {
                    var buffer = ((T[][])found)[k];
                    for (int i = 0; i < values.Length; i++) values[i] = double.CreateChecked(buffer[i]);
                }
                arrays.Add(new OptimizerStateArray($"{slots[k]}.{p.Name}", values));
            }
        return new OptimizerState(optimizer, steps, arrays);
    }

    /// <summary>Checks <paramref name="state"/> against the parameters, then copies it in.</summary>
    public void Import<T>(IReadOnlyList<Parameter<T>> parameters, OptimizerState state) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Optimizer != optimizer)
            throw new ArgumentException($"The state belongs to a '{state.Optimizer}' optimiser, not '{optimizer}'.", nameof(state));
        if (state.Steps < 0) throw new ArgumentException($"The state's step count is {state.Steps}; it must be ≥ 0.", nameof(state));
        if (state.Arrays.Count != slots.Length * parameters.Count)
            throw new ArgumentException($"The state has {state.Arrays.Count} arrays; {parameters.Count} parameters need {slots.Length * parameters.Count}.", nameof(state));
        for (int k = 0, a = 0; k < slots.Length; k++)
            foreach (var p in parameters)
            {
                var array = state.Arrays[a++];
                string expected = $"{slots[k]}.{p.Name}";
                if (array.Name != expected || array.Values is null || array.Values.Length != p.Value.Length)
                    throw new ArgumentException(
                        $"State array {a} is '{array.Name}' with {array.Values?.Length ?? 0} values; expected '{expected}' with {p.Value.Length}.", nameof(state));
            }
        for (int k = 0, a = 0; k < slots.Length; k++)
            foreach (var p in parameters)
            {
                var values = state.Arrays[a++].Values;
                var buffer = For(p)[k];
                for (int i = 0; i < values.Length; i++) buffer[i] = T.CreateChecked(values[i]);
            }
    }
}
