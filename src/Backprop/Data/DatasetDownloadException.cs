namespace Backprop.Data;

/// <summary>A catalogued file could not be fetched or did not verify. The message is one line that names the file, the
/// address and what was kept (nothing, or a partial download that the next try resumes).</summary>
public sealed class DatasetDownloadException(string message, Exception? inner = null) : IOException(message, inner);
