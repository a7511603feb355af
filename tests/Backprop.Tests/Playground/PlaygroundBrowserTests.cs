using System.Text.Json;
using Backprop.Cli.Playground;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Backprop.Tests.Playground;

/// <summary>The page in headless Chromium against a real server on 127.0.0.1. Screenshots go to
/// <see cref="Chromium.Artifacts"/>.</summary>
[Collection("playground browser")]
public class PlaygroundBrowserTests(ITestOutputHelper output)
{
    private sealed class Page : IAsyncDisposable
    {
        public required PlaygroundTestServer Server { get; init; }
        public required IPlaywright Playwright { get; init; }
        public required IBrowser Browser { get; init; }
        public required IPage Tab { get; init; }
        public List<string> Errors { get; } = [];

        public async ValueTask DisposeAsync()
        {
            await Browser.CloseAsync();
            Playwright.Dispose();
            await Server.DisposeAsync();
        }
    }

    private static async Task<Page> Open(PlaygroundOptions? options = null)
    {
        var (playwright, browser) = await Chromium.Launch();
        var server = await PlaygroundTestServer.Kestrel(options);
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1480, Height = 900 }, AcceptDownloads = true });
        var tab = await context.NewPageAsync();
        var page = new Page { Server = server, Playwright = playwright, Browser = browser, Tab = tab };
        tab.Console += (_, message) => { if (message.Type == "error") page.Errors.Add(message.Text); };
        tab.PageError += (_, error) => page.Errors.Add(error);
        await tab.GotoAsync(server.Address + "/");
        // The first frame waits on a fresh Chromium and the server's first training steps: on a busy 2-core CI machine
        // this once took over Playwright's default 30 s (a CI run on 2026-12-08), so it gets 90 s.
        await tab.WaitForFunctionAsync("() => window.playground && window.playground.frames > 0 && window.playground.points", null,
            new PageWaitForFunctionOptions { Timeout = 90_000 });
        return page;
    }

    private static Task<double> Number(IPage tab, string expression) => tab.EvaluateAsync<double>(expression);

    /// <summary>A checksum of the heat map canvas's pixels.</summary>
    private static Task<double> HeatChecksum(IPage tab) => tab.EvaluateAsync<double>(
        "() => { const d = document.getElementById('heat').getContext('2d').getImageData(0, 0, 400, 400).data; let s = 0; for (let i = 0; i < d.length; i += 7) s = (s * 31 + d[i]) % 1000000007; return s; }");

    private async Task Screenshot(IPage tab, string name)
    {
        var path = Path.Combine(Chromium.Artifacts, name);
        await tab.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        output.WriteLine($"screenshot: {path}");
    }

    [SkippableFact]
    public async Task The_page_loads_with_no_console_errors()
    {
        await using var page = await Open();
        Assert.Equal("0", await page.Tab.TextContentAsync("#epoch"));
        Assert.Contains("W[1]: (4, 2)", await page.Tab.TextContentAsync("#shapes"));
        await Screenshot(page.Tab, "loaded.png");
        Assert.Empty(page.Errors);
    }

    [SkippableFact]
    public async Task Play_brings_the_test_cost_on_the_circle_below_0_2_and_the_heat_map_changes()
    {
        await using var page = await Open();
        var tab = page.Tab;
        double before = await HeatChecksum(tab);
        await tab.ClickAsync("#play");
        await tab.WaitForFunctionAsync("() => window.playground.frame.testCost >= 0 && window.playground.frame.testCost < 0.2",
            null, new PageWaitForFunctionOptions { Timeout = 30_000, PollingInterval = 100 });
        double ups = 0;
        for (int i = 0; i < 3; i++) { await Task.Delay(1000); ups = Math.Max(ups, await Number(tab, "() => window.playground.ups")); }
        double epoch = await Number(tab, "() => window.playground.frame.epoch");
        output.WriteLine($"test cost < 0.2 at epoch ≤ {epoch}; the page drew {ups} updates/s (each with the 100×100 heat map)");
        Assert.NotEqual(before, await HeatChecksum(tab));
        await Screenshot(tab, "circle-trained.png");
        if (Environment.GetEnvironmentVariable("BACKPROP_PLAYGROUND_SPEED") == "1") Assert.True(ups >= 30, $"{ups} updates/s");
        Assert.Empty(page.Errors);
    }

    [SkippableFact]
    public async Task Changing_the_activation_or_the_layers_resets_the_network()
    {
        await using var page = await Open();
        var tab = page.Tab;
        for (int i = 0; i < 3; i++) await tab.ClickAsync("#step");
        await tab.WaitForFunctionAsync("() => window.playground.frame.epoch === 3");
        int generation = (int)await Number(tab, "() => window.playground.generation");
        await tab.SelectOptionAsync("#activation", "relu");
        await tab.WaitForFunctionAsync($"() => window.playground.generation > {generation} && window.playground.frame.epoch === 0");
        for (int i = 0; i < 2; i++) await tab.ClickAsync("#step");
        await tab.WaitForFunctionAsync("() => window.playground.frame.epoch === 2");
        await tab.ClickAsync("#addLayer");
        await tab.WaitForFunctionAsync("() => window.playground.frame.epoch === 0 && window.playground.frame.shapes.length === 4");
        Assert.Contains("W[3]: (2, 2)", await tab.TextContentAsync("#shapes"));
        Assert.Empty(page.Errors);
    }

    [SkippableFact]
    public async Task Uploading_a_csv_trains_on_it_and_a_bad_one_shows_a_message()
    {
        await using var page = await Open();
        var tab = page.Tab;
        await tab.SetInputFilesAsync("#csvFile", new FilePayload { Name = "bad.csv", MimeType = "text/csv", Buffer = "a,b\n1,2\n3,4\n5,6\n7,8\n"u8.ToArray() });
        await tab.WaitForFunctionAsync("() => document.getElementById('message').textContent.includes('column')");
        await tab.FillAsync("#csvTarget", "fit");
        await tab.SetInputFilesAsync("#csvFile", new FilePayload { Name = "people.csv", MimeType = "text/csv", Buffer = System.Text.Encoding.UTF8.GetBytes(PlaygroundCsv.Separable()) });
        await tab.WaitForFunctionAsync("() => window.playground.points.dataset === 'csv'");
        await tab.ClickAsync("#play");
        await tab.WaitForFunctionAsync("() => window.playground.frame.epoch >= 20", null, new PageWaitForFunctionOptions { Timeout = 30_000 });
        await tab.ClickAsync("#play");
        Assert.Equal("csv", await tab.InputValueAsync("#dataset"));
        Assert.Equal("", await tab.TextContentAsync("#message"));
        await Screenshot(tab, "csv-upload.png");
    }

    [SkippableFact]
    public async Task The_downloaded_model_loads_in_backprop_evaluate()
    {
        await using var page = await Open();
        var tab = page.Tab;
        await tab.ClickAsync("#play");
        await tab.WaitForFunctionAsync("() => window.playground.frame.epoch >= 100", null, new PageWaitForFunctionOptions { Timeout = 60_000 });
        await tab.ClickAsync("#play");
        var folder = Directory.CreateTempSubdirectory("playground-download-");
        try
        {
            var model = await tab.RunAndWaitForDownloadAsync(() => tab.ClickAsync("#downloadModel"));
            var data = await tab.RunAndWaitForDownloadAsync(() => tab.ClickAsync("#downloadData"));
            Assert.EndsWith(".bp", model.SuggestedFilename);
            var modelPath = Path.Combine(folder.FullName, model.SuggestedFilename);
            var dataPath = Path.Combine(folder.FullName, data.SuggestedFilename);
            await model.SaveAsAsync(modelPath);
            await data.SaveAsAsync(dataPath);
            var (code, stdout, stderr) = PlaygroundCli.Run("evaluate", "--model", modelPath, "--data", dataPath, "--json");
            Assert.True(code == 0, stderr);
            var metrics = JsonSerializer.Deserialize<Dictionary<string, double>>(stdout)!;
            output.WriteLine(stdout);
            Assert.True(metrics["accuracy"] > 0.8, stdout);
        }
        finally { folder.Delete(recursive: true); }
        Assert.Empty(page.Errors);
    }

    [SkippableFact]
    public async Task Many_tabs_reloads_and_closed_tabs_leave_one_session_per_open_page()
    {
        await using var page = await Open(new PlaygroundOptions { Grace = TimeSpan.FromSeconds(3) });
        var context = page.Tab.Context;
        var tabs = new List<IPage> { page.Tab };
        for (int i = 0; i < 3; i++)
        {
            var tab = await context.NewPageAsync();
            await tab.GotoAsync(page.Server.Address + "/");
            await tab.WaitForFunctionAsync("() => window.playground && window.playground.frames > 0");
            await tab.ClickAsync("#play");
            tabs.Add(tab);
        }
        Assert.Equal(4, page.Server.Sessions.Count);
        await tabs[1].ReloadAsync();
        await tabs[1].WaitForFunctionAsync("() => window.playground && window.playground.frames > 0");
        await tabs[2].CloseAsync();
        await tabs[3].CloseAsync(new PageCloseOptions { RunBeforeUnload = false });
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (page.Server.Sessions.Count != 2 && DateTime.UtcNow < deadline) await Task.Delay(200);
        Assert.Equal(2, page.Server.Sessions.Count);
        Assert.Empty(page.Errors);
    }
}
