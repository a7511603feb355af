using Backprop.Cli.Playground;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Backprop.Tests.Playground;

/// <summary>A playground server for one test: in memory (TestServer, from Microsoft.AspNetCore.Mvc.Testing's TestHost) for
/// API tests, or Kestrel on a free port of 127.0.0.1 for the browser.</summary>
public sealed class PlaygroundTestServer : IAsyncDisposable
{
    private PlaygroundTestServer(WebApplication app, string address)
    {
        App = app;
        Address = address;
    }

    public WebApplication App { get; }
    public string Address { get; }
    public SessionRegistry Sessions => App.Services.GetRequiredService<SessionRegistry>();

    public static async Task<PlaygroundTestServer> InMemory(PlaygroundOptions? options = null)
    {
        // API tests open no event stream: a long grace keeps their sessions while a busy machine runs them slowly.
        var app = PlaygroundServer.Build(options ?? new PlaygroundOptions { Grace = TimeSpan.FromMinutes(5) }, b => b.WebHost.UseTestServer());
        await app.StartAsync();
        return new PlaygroundTestServer(app, "http://localhost");
    }

    public static async Task<PlaygroundTestServer> Kestrel(PlaygroundOptions? options = null)
    {
        var app = PlaygroundServer.Build((options ?? new PlaygroundOptions()) with { Port = 0 });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new PlaygroundTestServer(app, address);
    }

    public HttpClient Client() => App.GetTestClient();

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
