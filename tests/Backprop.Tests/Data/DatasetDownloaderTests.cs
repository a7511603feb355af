using Backprop.Data;

namespace Backprop.Tests.Data;

/// <summary>Downloads from a server on 127.0.0.1 serving the shared copies: verified, atomic, resumed, and failing with
/// one line that keeps nothing corrupt. Nothing here reaches the internet.</summary>
public sealed class DatasetDownloaderTests
{
    private static readonly DatasetFile Dinos = DatasetCatalog.Get("dinosaur-names").Files[0];

    [SkippableFact]
    public void A_catalogued_set_downloads_verifies_and_loads_from_a_local_mirror()
    {
        using var server = new LocalDataServer(SharedCopies.Of("dinosaur-names"));
        using var temp = new TempFiles();
        var names = Datasets.DinosaurNames(temp.Folder, new DatasetDownloader(mirror: server.Address));
        Assert.Equal(1536, names.Count);
        Assert.Equal("Aachenosaurus", names[0]);
        Assert.Equal(Dinos.Sha256, Sha256File.Of(Path.Combine(temp.Folder, "dinosaur-names", "dinos.txt")));
        Assert.Empty(Directory.EnumerateFiles(temp.Folder, "*.part", SearchOption.AllDirectories));
    }

    [SkippableFact]
    public void A_second_load_uses_the_cache_without_asking_the_server()
    {
        using var server = new LocalDataServer(SharedCopies.Of("dinosaur-names"));
        using var temp = new TempFiles();
        var downloader = new DatasetDownloader(mirror: server.Address);
        Datasets.DinosaurNames(temp.Folder, downloader);
        Datasets.DinosaurNames(temp.Folder, downloader);
        Assert.Single(server.Requests);
    }

    [SkippableFact]
    public void Mnist_downloads_from_the_mirror_and_loads_60000_and_10000_images()
    {
        using var server = new LocalDataServer(SharedCopies.Of("mnist"));
        using var temp = new TempFiles();
        var (train, test) = Datasets.Mnist(temp.Folder, new DatasetDownloader(mirror: server.Address));
        Assert.Equal((60000, 784), (train.Count, train.FeatureCount));
        Assert.Equal(10000, test.Count);
        Assert.Equal([5, 0, 4, 1, 9], train.Labels()[..5]);
    }

    [SkippableFact]
    public void A_bad_checksum_deletes_the_download_and_names_the_file_and_both_hashes()
    {
        using var server = new LocalDataServer(SharedCopies.Of("dinosaur-names")) { Corrupt = true };
        using var temp = new TempFiles();
        var e = Assert.Throws<DatasetDownloadException>(() => Datasets.DinosaurNames(temp.Folder, new DatasetDownloader(mirror: server.Address)));
        Assert.Contains("dinosaur-names/dinos.txt", e.Message);
        Assert.Contains(Dinos.Sha256, e.Message);
        Assert.Contains("deleted", e.Message);
        Assert.DoesNotContain('\n', e.Message);
        Assert.Empty(Directory.EnumerateFiles(temp.Folder, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public void An_unreachable_host_gives_one_line_and_keeps_nothing()
    {
        using var temp = new TempFiles();
        var closed = new Uri($"http://127.0.0.1:{LocalDataServer.FreePort()}/");
        var e = Assert.Throws<DatasetDownloadException>(() => Datasets.DinosaurNames(temp.Folder, new DatasetDownloader(mirror: closed)));
        Assert.Contains($"cannot download dinosaur-names/dinos.txt from {closed}dinosaur-names/dinos.txt", e.Message);
        Assert.Contains("nothing was kept", e.Message);
        Assert.DoesNotContain('\n', e.Message);
        Assert.Empty(Directory.EnumerateFiles(temp.Folder, "*", SearchOption.AllDirectories));
    }

    [SkippableFact]
    public void An_interrupted_download_keeps_its_part_file_and_the_next_try_resumes_it_with_a_range_request()
    {
        using var server = new LocalDataServer(SharedCopies.Of("dinosaur-names"), cutAfter: 5000);
        using var temp = new TempFiles();
        var downloader = new DatasetDownloader(mirror: server.Address);
        var e = Assert.Throws<DatasetDownloadException>(() => Datasets.DinosaurNames(temp.Folder, downloader));
        Assert.Contains("resumes", e.Message);
        var part = Path.Combine(temp.Folder, "dinosaur-names", "dinos.txt.part");
        Assert.Equal(5000, new FileInfo(part).Length);
        Assert.False(File.Exists(Path.Combine(temp.Folder, "dinosaur-names", "dinos.txt")));

        Assert.Equal(1536, Datasets.DinosaurNames(temp.Folder, downloader).Count);
        Assert.Equal("dinosaur-names/dinos.txt bytes=5000-", server.Requests.Last());
        Assert.False(File.Exists(part));
    }

    [SkippableFact]
    public void A_server_that_ignores_ranges_makes_the_download_restart_cleanly()
    {
        using var server = new LocalDataServer(SharedCopies.Of("dinosaur-names")) { IgnoreRanges = true };
        using var temp = new TempFiles();
        Directory.CreateDirectory(Path.Combine(temp.Folder, "dinosaur-names"));
        File.WriteAllBytes(Path.Combine(temp.Folder, "dinosaur-names", "dinos.txt.part"), new byte[777]);
        Assert.Equal(1536, Datasets.DinosaurNames(temp.Folder, new DatasetDownloader(mirror: server.Address)).Count);
        Assert.Equal("dinosaur-names/dinos.txt bytes=777-", server.Requests.Single());
    }

    [SkippableFact]
    public void Progress_is_reported_up_to_the_file_size()
    {
        using var server = new LocalDataServer(SharedCopies.Of("housing"));
        using var temp = new TempFiles();
        var reports = new List<DownloadProgress>();
        var downloader = new DatasetDownloader(mirror: server.Address) { Progress = new Recorder(reports) };
        Datasets.Fetch("housing", temp.Folder, downloader);
        Assert.True(reports.Count > 2);
        Assert.Equal(new DownloadProgress("housing/housing.csv", 1_423_529, 1_423_529), reports[^1]);
        Assert.True(reports.Zip(reports.Skip(1)).All(p => p.First.Done <= p.Second.Done));
    }

    [Fact]
    public void Without_a_mirror_the_catalogues_public_addresses_are_used()
    {
        var downloader = new DatasetDownloader(mirror: null);
        if (downloader.Mirror is not null) return; // BACKPROP_DATA_MIRROR is set in this environment
        Assert.StartsWith("https://", downloader.AddressesOf(Dinos)[0]);
        Assert.Equal(new DatasetDownloader(mirror: new Uri("http://127.0.0.1:9/m/")).AddressesOf(Dinos), ["http://127.0.0.1:9/m/dinosaur-names/dinos.txt"]);
    }

    private sealed class Recorder(List<DownloadProgress> reports) : IProgress<DownloadProgress>
    {
        public void Report(DownloadProgress value) { lock (reports) reports.Add(value); }
    }
}
