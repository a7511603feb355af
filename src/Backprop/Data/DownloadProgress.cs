namespace Backprop.Data;

/// <summary>How far one file's download has come: <see cref="Done"/> of <see cref="Total"/> bytes (Total is 0 when the
/// size is not known). A resumed download starts at the bytes kept from before.</summary>
public readonly record struct DownloadProgress(string File, long Done, long Total);
