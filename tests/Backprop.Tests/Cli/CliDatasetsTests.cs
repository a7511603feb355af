using System.Text.Json;
using Backprop.Tests.Data;

namespace Backprop.Tests.Cli;

/// <summary><c>backprop datasets list|get</c> and <c>--data NAME</c>, against a server on 127.0.0.1.</summary>
public sealed class CliDatasetsTests
{
    [Fact]
    public void Datasets_list_shows_every_name_of_the_catalogue()
    {
        using var box = new CliSandbox();
        var result = box.Run("datasets", "list", "--cache", box.Folder);
        Assert.True(result.ExitCode == 0, result.ToString());
        foreach (var name in new[] { "mnist", "fashion-mnist", "catvnoncat", "signs", "happy-house", "dinosaur-names", "housing", "planar" })
            Assert.Contains(name, result.Out);
        Assert.Contains("not downloaded", result.Out);
    }

    [Fact]
    public void Datasets_list_json_gives_each_files_address_and_checksum()
    {
        using var box = new CliSandbox();
        var result = box.Run("datasets", "list", "--json", "--cache", box.Folder);
        using var json = JsonDocument.Parse(result.Out);
        var mnist = json.RootElement.EnumerateArray().First(e => e.GetProperty("name").GetString() == "mnist");
        Assert.Equal(4, mnist.GetProperty("files").GetArrayLength());
        Assert.Equal(64, mnist.GetProperty("files")[0].GetProperty("sha256").GetString()!.Length);
    }

    [SkippableFact]
    public void Datasets_get_downloads_into_the_cache_and_says_where()
    {
        using var server = new LocalDataServer(SharedCopies.Of("housing"));
        using var box = new CliSandbox();
        var result = box.Run("datasets", "get", "housing", "--cache", box.Folder, "--mirror", server.Address.ToString());
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"housing: 1 file(s), sha256 verified, in {box.PathOf("housing")}", result.Out);
        Assert.Contains("downloaded housing/housing.csv", result.Err);
        Assert.True(File.Exists(box.PathOf("housing/housing.csv")));
    }

    [Fact]
    public void Datasets_get_of_an_unknown_name_is_a_usage_error_listing_the_names() =>
        new CliSandbox().Fails(2, ["datasets", "get", "cifar10"], "cifar10", "mnist");

    [Fact]
    public void Datasets_get_from_an_unreachable_host_fails_in_one_line_and_writes_nothing()
    {
        using var box = new CliSandbox();
        box.Fails(1, ["datasets", "get", "dinos", "--cache", box.Folder, "--mirror", $"http://127.0.0.1:{LocalDataServer.FreePort()}", "--quiet"],
            "cannot download", "dinosaur-names/dinos.txt", "nothing was kept");
    }

    [SkippableFact]
    public void Datasets_get_with_a_bad_checksum_fails_in_one_line_and_keeps_nothing()
    {
        using var server = new LocalDataServer(SharedCopies.Of("dinosaur-names")) { Corrupt = true };
        using var box = new CliSandbox();
        box.Fails(1, ["datasets", "get", "dinosaur-names", "--cache", box.Folder, "--mirror", server.Address.ToString(), "--quiet"],
            "sha256", "deleted");
    }

    [Fact]
    public void Datasets_get_with_a_mirror_that_is_not_an_address_is_a_usage_error() =>
        new CliSandbox().Fails(2, ["datasets", "get", "mnist", "--mirror", "ftp:/nowhere", "--quiet"], "--mirror");

    [Fact]
    public void Datasets_get_of_a_set_with_no_public_copy_says_where_to_copy_it()
    {
        using var box = new CliSandbox();
        box.Fails(1, ["datasets", "get", "signs", "--cache", box.Folder], "signs", "train_signs.h5", box.Folder);
    }

    [SkippableFact]
    public void Train_with_data_housing_uses_the_catalogued_table_and_its_target()
    {
        TestData.Dataset("housing", "housing.csv");
        using var box = new CliSandbox();
        var result = box.Run("train", "--data", "housing", "--epochs", "1", "--out", box.PathOf("m.bp"), "--quiet", "--no-plot");
        Assert.True(result.ExitCode == 0, result.ToString());
        var summary = box.Run("summary", "--model", box.PathOf("m.bp"), "--json");
        Assert.Contains("median_house_value", summary.Out);
    }
}
