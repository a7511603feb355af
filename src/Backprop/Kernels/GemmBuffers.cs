using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Backprop.Kernels;

/// <summary>Per-thread packing buffers for GEMM, 64-byte aligned: rented once per thread (pinned, so the kernels
/// can hold raw pointers) and kept, so steady-state calls allocate nothing. Pool threads live as long as
/// the process, and so do their buffers: at most Mc·Kc + Kc·Nc elements (≈ 4.3 MB in float, or the dot path's
/// 1 MB of partial sums) per thread.</summary>
internal static unsafe class GemmBuffers<T> where T : unmanaged
{
    [ThreadStatic] private static T[]? s_a;
    [ThreadStatic] private static T[]? s_b;

    /// <summary>Space for a packed A block of <paramref name="length"/> elements.</summary>
    public static T* A(int length) => Rent(ref s_a, length);

    /// <summary>Space for a packed B panel of <paramref name="length"/> elements.</summary>
    public static T* B(int length) => Rent(ref s_b, length);

    private static T* Rent(ref T[]? array, int length)
    {
        int padding = 64 / sizeof(T);
        if (array is null || array.Length < length + padding)
            array = GC.AllocateUninitializedArray<T>(length + padding, pinned: true);
        nint start = (nint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(array));
        return (T*)((start + 63) & ~(nint)63);
    }
}
