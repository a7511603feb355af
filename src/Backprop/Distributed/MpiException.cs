namespace Backprop.Distributed;

/// <summary>An MPI call returned an error (a peer that died, a mismatched collective): the call, its code and MPI's own text.</summary>
public sealed class MpiException(string message) : Exception(message);
