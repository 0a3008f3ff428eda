using Tma.Host;

try
{
    TmaHostApp.Create(args).Run();
    return 0;
}
catch (HostSettingsException ex)
{
    Console.Error.WriteLine(ex.Message);
    return 2;
}

/// <summary>Entry point; public so that integration tests can host the app with WebApplicationFactory.</summary>
public partial class Program;
