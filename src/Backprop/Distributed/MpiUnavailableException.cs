namespace Backprop.Distributed;

/// <summary>MPI cannot be used here: its library is missing, is not OpenMPI, or has already been shut down. The message is
/// one sentence that names the library and what to install.</summary>
public sealed class MpiUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
