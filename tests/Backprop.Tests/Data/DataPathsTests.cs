using Backprop.Data;

namespace Backprop.Tests.Data;

/// <summary>The data-root rule, tested through its pure form so that no test changes the process's environment.</summary>
public sealed class DataPathsTests : IDisposable
{
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void BACKPROP_DATA_wins_and_a_relative_value_is_taken_from_the_current_directory()
    {
        Assert.Equal(Path.Combine(_files.Folder, "elsewhere"), DataPaths.Resolve("elsewhere", _files.Folder, "/cache"));
        Assert.Equal("/abs/data", DataPaths.Resolve("/abs/data", _files.Folder, "/cache"));
    }

    [Fact]
    public void Without_the_variable_a_shared_data_folder_in_or_above_the_current_directory_is_found()
    {
        var shared = Directory.CreateDirectory(Path.Combine(_files.Folder, "shared", "data")).FullName;
        var deep = Directory.CreateDirectory(Path.Combine(_files.Folder, "main", "src", "app")).FullName;
        Assert.Equal(shared, DataPaths.Resolve(null, deep, "/cache"));
        Assert.Equal(shared, DataPaths.Resolve("  ", _files.Folder, "/cache"));
    }

    [Fact]
    public void Otherwise_the_cache_folder_is_the_root()
    {
        // The temporary folder has no shared/data above it unless the machine has one at its root; skip that case.
        var above = DataPaths.Resolve(null, _files.Folder, "/cache");
        Assert.True(above == "/cache" || above.EndsWith(Path.Combine("shared", "data")));
        Assert.EndsWith(Path.Combine(".backprop", "datasets"), DataPaths.DefaultCache);
    }

    [Fact]
    public void Find_returns_existing_paths_and_explains_how_to_set_BACKPROP_DATA_otherwise()
    {
        var file = _files.Write("x.csv", "a\n1\n");
        Assert.Equal(file, DataPaths.Find("x.csv", _files.Folder));
        var e = Assert.Throws<FileNotFoundException>(() => DataPaths.Find("mnist", _files.Folder));
        Assert.Contains("BACKPROP_DATA", e.Message);
        Assert.Contains("'mnist'", e.Message);
        Assert.Equal(Path.Combine(_files.Folder, "mnist"), e.FileName);
    }
}
