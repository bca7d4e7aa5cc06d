using System.Net;
using System.Net.Sockets;
using System.Text;
using Conversations.Channels.Outbound;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Conversations.Channels.Tests.Outbound;

public class OutboundUrlPolicyTests
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.8.9.10")]
    [InlineData("10.1.2.3")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.255")]
    [InlineData("192.168.1.1")]
    [InlineData("100.64.0.1")]
    [InlineData("100.127.255.254")]
    [InlineData("169.254.169.254")]
    [InlineData("0.0.0.0")]
    [InlineData("224.0.0.1")]
    [InlineData("255.255.255.255")]
    [InlineData("::")]
    [InlineData("::1")]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("::ffff:169.254.169.254")]
    [InlineData("::ffff:10.0.0.1")]
    [InlineData("64:ff9b::7f00:1")]
    [InlineData("fc00::1")]
    [InlineData("fd12:3456::1")]
    [InlineData("fe80::1")]
    [InlineData("ff02::1")]
    public void Loopback_private_link_local_multicast_and_unspecified_addresses_are_not_public(string address)
    {
        Assert.False(OutboundUrlPolicy.IsPublic(IPAddress.Parse(address)));
        Assert.False(Policy().Allows(IPAddress.Parse(address)));
    }

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("172.32.0.1")]
    [InlineData("100.128.0.1")]
    [InlineData("93.184.215.14")]
    [InlineData("::ffff:8.8.8.8")]
    [InlineData("2606:4700:4700::1111")]
    public void Public_addresses_are_allowed(string address)
    {
        Assert.True(OutboundUrlPolicy.IsPublic(IPAddress.Parse(address)));
        Assert.True(Policy().Allows(IPAddress.Parse(address)));
    }

    [Fact]
    public void The_allow_list_opens_its_networks_and_nothing_else()
    {
        var policy = Policy(networks: ["10.20.0.0/16", "127.0.0.1/32"]);

        Assert.True(policy.Allows(IPAddress.Parse("10.20.3.4")));
        Assert.True(policy.Allows(IPAddress.Parse("127.0.0.1")));
        Assert.True(policy.Allows(IPAddress.Parse("::ffff:127.0.0.1")));
        Assert.False(policy.Allows(IPAddress.Parse("10.21.0.1")));
        Assert.False(policy.Allows(IPAddress.Parse("127.0.0.2")));
        Assert.False(policy.Allows(IPAddress.Parse("169.254.169.254")));
    }

    [Theory]
    [InlineData("http://localhost:8080/hook")]
    [InlineData("https://LOCALHOST/hook")]
    [InlineData("http://app.localhost/hook")]
    [InlineData("http://127.0.0.1/hook")]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://10.0.0.5/hook")]
    [InlineData("http://[::1]/hook")]
    [InlineData("http://[::ffff:127.0.0.1]/hook")]
    [InlineData("http://[fd00::5]/hook")]
    public void A_url_naming_a_local_or_private_address_has_a_problem(string url) =>
        Assert.NotNull(Policy().ProblemWith(url));

    [Theory]
    [InlineData("https://hooks.shop.example/conversations")]
    [InlineData("https://93.184.215.14/hook")]
    public void A_url_naming_a_public_host_has_no_problem_at_save_time(string url) => Assert.Null(Policy().ProblemWith(url));

    [Fact]
    public void Allow_listed_hosts_and_networks_pass_the_save_time_check()
    {
        var policy = Policy(hosts: ["crm.intranet"], networks: ["127.0.0.1/32"]);

        Assert.Null(policy.ProblemWith("http://crm.intranet/orders"));
        Assert.Null(policy.ProblemWith("http://127.0.0.1:5000/hook"));
        Assert.NotNull(policy.ProblemWith("http://localhost:5000/hook"));
    }

    [Fact]
    public void A_network_that_is_not_cidr_is_refused_at_start_up() =>
        Assert.Throws<OptionsValidationException>(() => Policy(networks: ["10.0.0.0/33"]));

    [Fact]
    public async Task A_client_under_the_policy_does_not_connect_to_a_loopback_server()
    {
        using var server = new TcpListener(IPAddress.Loopback, 0);
        server.Start();
        using var http = Client();

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync($"http://127.0.0.1:{Port(server)}/"));

        Assert.IsType<OutboundAddressRefusedException>(error.InnerException);
        Assert.False(server.Pending());
        // A name resolving to loopback is refused the same way: the check is on the resolved address.
        error = await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync($"http://localhost:{Port(server)}/"));
        Assert.IsType<OutboundAddressRefusedException>(error.InnerException);
        Assert.False(server.Pending());
    }

    [Fact]
    public async Task An_allow_listed_network_is_reached_and_redirects_are_not_followed()
    {
        using var server = new TcpListener(IPAddress.Loopback, 0);
        server.Start();
        var answering = AnswerOnceAsync(server, "HTTP/1.1 302 Found\r\nLocation: http://169.254.169.254/latest/meta-data/\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        using var http = Client(networks: ["127.0.0.1/32"]);

        using var response = await http.GetAsync($"http://127.0.0.1:{Port(server)}/");
        await answering;

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
    }

    private static OutboundUrlPolicy Policy(string[]? hosts = null, string[]? networks = null) =>
        new(Options.Create(new OutboundOptions { AllowedHosts = [.. hosts ?? []], AllowedNetworks = [.. networks ?? []] }));

    private static HttpClient Client(string[]? networks = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddHttpClient("tenant").UseOutboundUrlPolicy();
        services.Configure<OutboundOptions>(o => o.AllowedNetworks.AddRange(networks ?? []));
        return services.BuildServiceProvider().GetRequiredService<IHttpClientFactory>().CreateClient("tenant");
    }

    private static int Port(TcpListener server) => ((IPEndPoint)server.LocalEndpoint).Port;

    private static async Task AnswerOnceAsync(TcpListener server, string response)
    {
        using var client = await server.AcceptTcpClientAsync();
        var stream = client.GetStream();
        var buffer = new byte[4096];
        var request = new StringBuilder();
        while (!request.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            var read = await stream.ReadAsync(buffer);
            if (read == 0)
            {
                break;
            }

            request.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }

        await stream.WriteAsync(Encoding.ASCII.GetBytes(response));
    }
}
