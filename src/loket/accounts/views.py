from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from loket.accounts.forms import LoginForm
from loket.accounts.selectors import user_home_url


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def get_default_redirect_url(self):
        return user_home_url(user=self.request.user)


class LogoutView(auth_views.LogoutView):
    pass


@login_required
def home(request):
    """The staff start page: what each of the user's roles can do here."""
    target = user_home_url(user=request.user)
    if target != request.path:
        return redirect(target)
    return render(request, "accounts/home.html")
