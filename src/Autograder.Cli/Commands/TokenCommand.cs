using System.CommandLine;
using Autograder.Data;
using Autograder.Data.Postgres;
using Autograder.Web.Accounts;

namespace Autograder.Cli.Commands;

/// <summary>
/// <c>autograder token create --login L [--name N] [--expires DAYS]</c> prints a new personal access token as the only
/// line on stdout (stored hashed, shown once); <c>autograder token revoke --login L --name N</c>. Both work while the service runs.
/// </summary>
internal static class TokenCommand
{
    public static Command Create()
    {
        var login = new Option<string>("--login") { Description = "Whose token: it acts with exactly their roles.", Required = true };
        var name = new Option<string>("--name") { Description = "A name to revoke it by.", DefaultValueFactory = _ => "default" };
        var expires = new Option<int?>("--expires") { Description = "Days until it stops working (default: never)." };
        var create = new Command("create", "Create a personal access token and print it.") { login, name, expires };
        create.SetAction(parse => WithDatabase(async (db, ct) =>
        {
            Console.WriteLine(await AccessTokens.CreateAsync(db, parse.GetValue(login)!, parse.GetValue(name)!, parse.GetValue(expires), ct));
            return 0;
        }));
        var revokeName = new Option<string>("--name") { Description = "The token's name.", Required = true };
        var revoke = new Command("revoke", "Revoke a personal access token.") { login, revokeName };
        revoke.SetAction(parse => WithDatabase(async (db, ct) =>
        {
            if (await AccessTokens.RevokeAsync(db, parse.GetValue(login)!, parse.GetValue(revokeName)!, ct))
            {
                Console.Error.WriteLine("revoked");
                return 0;
            }
            Console.Error.WriteLine($"error: --name: '{parse.GetValue(login)}' has no token named '{parse.GetValue(revokeName)}'");
            return 2;
        }));
        return new Command("token", "Personal access tokens for scripts and the API.") { create, revoke };
    }

    private static int WithDatabase(Func<AutograderDb, CancellationToken, Task<int>> body)
    {
        try
        {
            return Run(body).GetAwaiter().GetResult();
        }
        catch (PostgresUnavailableException e)
        {
            Console.Error.WriteLine($"error: database: {e.Message}");
            return 1;
        }
    }

    private static async Task<int> Run(Func<AutograderDb, CancellationToken, Task<int>> body)
    {
        using var database = await Database.OpenAsync();
        await using var db = database.CreateContext();
        return await body(db, CancellationToken.None);
    }
}
