using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Autograder.Web.Pages;

public sealed class ErrorModel : PageModel
{
    public string Title { get; private set; } = "Something went wrong";
    public string Message { get; private set; } = "The page could not be shown.";

    public void OnGet(int code)
    {
        (Title, Message) = code switch
        {
            404 => ("Not found", "There is nothing here, or nothing you may see."),
            403 => ("Not allowed", "Your role in this course does not allow this page."),
            429 => ("Too many requests", "Wait a minute and try again."),
            _ => ("Something went wrong", "The page could not be shown. Try again in a moment."),
        };
    }
}
