using System.Text.Json;
using Backprop.Kernels;

namespace Backprop.Compare;

/// <summary>The one JSON line a run prints, the same fields as the Python peers print (bench/peers/common.py), plus
/// the vector level the kernels ran at, and Backprop-only measurements (allocations per step, GC counts) that bench/compare reports separately.</summary>
internal sealed class ResultLine(string workload, string dtype, int threads)
{
    private readonly Dictionary<string, object?> _fields = new()
    {
        ["workload"] = workload,
        ["impl"] = "backprop",
        ["dtype"] = dtype,
        ["threads"] = threads,
        ["vector_level"] = VectorWidths.Describe(VectorWidths.Widest),
    };

    public ResultLine Set(string key, object? value)
    {
        _fields[key] = value;
        return this;
    }

    public string ToJson() => JsonSerializer.Serialize(_fields);
}
