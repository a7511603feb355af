namespace Backprop.Serialization;

/// <summary>A model or tensor file that cannot be read: missing, unreadable, truncated, malformed, or describing a
/// model this version cannot build. The message starts with the file's path and says what is wrong in plain words,
/// e.g. "model.bp: truncated: header says 1200 bytes of tensor data, file has 1000".</summary>
public sealed class ModelFileException : Exception
{
    public ModelFileException(string filePath, string reason, Exception? innerException = null)
        : base($"{filePath}: {reason}", innerException)
    {
        FilePath = filePath;
        Reason = reason;
    }

    /// <summary>The file as the caller named it.</summary>
    public string FilePath { get; }

    /// <summary>What is wrong, without the path.</summary>
    public string Reason { get; }
}
