using System.CommandLine;
using Autograder.Web.Hosting;

namespace Autograder.Cli.Commands;

/// <summary><c>autograder web [--urls URL]</c>: a web node alone, for production beside separate <c>autograder worker</c> nodes on one PostgreSQL.</summary>
internal static class WebCommand
{
    public static Command Create()
    {
        var command = new Command("web", "Run the web app only (workers run as `autograder worker`).") { ServeCommand.UrlsOption };
        command.SetAction(parse => ServeCommand.RunAsync(parse.GetValue(ServeCommand.UrlsOption)!, new WebHostOptions { Bank = CliSupport.LoadBank(parse) }).GetAwaiter().GetResult());
        return command;
    }
}
