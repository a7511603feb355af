using Microsoft.Playwright;

namespace Backprop.Tests.Playground;

/// <summary>Debian's Chromium driven by Playwright (its own browser download cannot run here). Where Chromium is missing
/// the browser tests skip with a clear message, except in CI (CI set), where they fail: <c>.ci/install-chromium</c> is
/// meant to have installed it.</summary>
public static class Chromium
{
    public static string? Executable =>
        new[] { Environment.GetEnvironmentVariable("BACKPROP_CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser" }
            .FirstOrDefault(p => !string.IsNullOrEmpty(p) && File.Exists(p));

    /// <summary>The folder for screenshots: $BACKPROP_TEST_ARTIFACTS/playground, or artifacts/playground beside the tests.</summary>
    public static string Artifacts
    {
        get
        {
            var root = Environment.GetEnvironmentVariable("BACKPROP_TEST_ARTIFACTS") ?? Path.Combine(AppContext.BaseDirectory, "artifacts");
            return Directory.CreateDirectory(Path.Combine(root, "playground")).FullName;
        }
    }

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> Launch()
    {
        var executable = Executable;
        bool ci = Environment.GetEnvironmentVariable("CI") is { Length: > 0 } v && v != "0" && !v.Equals("false", StringComparison.OrdinalIgnoreCase);
        if (executable is null)
        {
            if (ci) throw new InvalidOperationException("Chromium is missing at /usr/bin/chromium; .ci/install-chromium should have installed it.");
            Skip.If(true, "browser tests skipped: no Chromium at /usr/bin/chromium (apt-get install -y chromium, or set BACKPROP_CHROMIUM).");
        }
        var playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = executable,
            Headless = true,
            Args = ["--no-sandbox", "--disable-dev-shm-usage"],
        });
        return (playwright, browser);
    }
}
