using System.Runtime.InteropServices;

namespace Backprop.Distributed;

/// <summary>The collectives of <see cref="ICommunicator"/> for a generic element type, as a float or double model's
/// trainer holds them: the span is reinterpreted (not copied) as the one MPI knows.</summary>
public static class Collectives
{
    /// <summary>x ← Σ over ranks of x, for T = float or double.</summary>
    public static void AllReduceSum<T>(this ICommunicator communicator, Span<T> values) where T : unmanaged
    {
        if (typeof(T) == typeof(float)) communicator.AllReduceSum(MemoryMarshal.Cast<T, float>(values));
        else if (typeof(T) == typeof(double)) communicator.AllReduceSum(MemoryMarshal.Cast<T, double>(values));
        else throw Unsupported<T>();
    }

    /// <summary>x ← x of rank <paramref name="root"/>, for T = float or double.</summary>
    public static void Broadcast<T>(this ICommunicator communicator, Span<T> values, int root = 0) where T : unmanaged
    {
        if (typeof(T) == typeof(float)) communicator.Broadcast(MemoryMarshal.Cast<T, float>(values), root);
        else if (typeof(T) == typeof(double)) communicator.Broadcast(MemoryMarshal.Cast<T, double>(values), root);
        else throw Unsupported<T>();
    }

    private static NotSupportedException Unsupported<T>() =>
        new($"Collectives carry float or double values; {typeof(T).Name} is neither.");
}
