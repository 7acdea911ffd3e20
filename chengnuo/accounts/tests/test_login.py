from django.urls import reverse

from chengnuo.tests.factories import PASSWORD


def test_login_page_is_in_chinese(client, db):
    page = client.get(reverse("accounts:login")).content.decode()
    assert "用户名" in page and "密码" in page and "登录" in page


def test_wrong_password_shows_a_chinese_message(client, branch_secretary):
    response = client.post(reverse("accounts:login"),
                           {"username": "branch_secretary", "password": "wrong"})
    assert "用户名或密码错误" in response.content.decode()


def test_correct_password_logs_in(client, branch_secretary, branch):
    response = client.post(reverse("accounts:login"),
                           {"username": "branch_secretary", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get(response.url).url == reverse("organizations:detail", args=[branch.slug])


def test_repeated_failures_lock_the_account_even_with_the_right_password(client,
                                                                         branch_secretary):
    for _ in range(5):
        client.post(reverse("accounts:login"),
                    {"username": "branch_secretary", "password": "wrong"})
    response = client.post(reverse("accounts:login"),
                           {"username": "branch_secretary", "password": PASSWORD})
    assert response.status_code == 429
    assert "登录失败次数过多" in response.content.decode()


def test_admin_site_is_for_system_admins_only(client, county_admin, system_admin):
    county_admin.is_staff = True
    county_admin.save()
    client.force_login(county_admin)
    assert client.get("/admin/").status_code == 302
    client.force_login(system_admin)
    assert client.get("/admin/").status_code == 200


def test_language_switch_turns_the_interface_english(client, branch_secretary, branch):
    client.force_login(branch_secretary)
    url = reverse("organizations:detail", args=[branch.slug])
    response = client.post(reverse("layout:language"), {"language": "en", "next": url})
    assert response.url == url
    assert "Log out" in client.get(url).content.decode()


def test_language_switch_refuses_to_redirect_off_site(client, db):
    response = client.post(reverse("layout:language"),
                           {"language": "en", "next": "https://evil.example/"})
    assert response.url == "/"


def test_admin_shows_the_domain_read_only(client, system_admin, branch):
    client.force_login(system_admin)
    assert client.get(f"/admin/organizations/organization/{branch.pk}/change/").status_code == 200
    client.post(f"/admin/organizations/organization/{branch.pk}/change/", {"name": "改名"})
    branch.refresh_from_db()
    assert branch.name == "第一党支部"
    assert client.get("/admin/organizations/organization/add/").status_code == 403


def test_a_user_changes_their_own_password(client, member_user):
    client.force_login(member_user)
    response = client.post(reverse("accounts:password_change"), {
        "old_password": PASSWORD,
        "new_password1": "Xin-mima-2026", "new_password2": "Xin-mima-2026"})
    assert response.status_code == 302
    member_user.refresh_from_db()
    assert member_user.check_password("Xin-mima-2026")


def test_a_wrong_old_password_changes_nothing(client, member_user):
    client.force_login(member_user)
    response = client.post(reverse("accounts:password_change"), {
        "old_password": "wrong",
        "new_password1": "Xin-mima-2026", "new_password2": "Xin-mima-2026"})
    assert response.status_code == 200 and "旧密码" in response.content.decode()
    member_user.refresh_from_db()
    assert member_user.check_password(PASSWORD)


def test_pages_outside_reach_show_a_chinese_404(client, other_secretary, branch, settings):
    settings.DEBUG = False
    client.force_login(other_secretary)
    response = client.get(reverse("organizations:detail", args=[branch.slug]))
    assert response.status_code == 404 and "页面不存在" in response.content.decode()


def _fail_five_times(client, **headers):
    for _ in range(5):
        client.post(reverse("accounts:login"),
                    {"username": "branch_secretary", "password": "wrong"}, **headers)


def test_behind_a_proxy_one_clients_failures_do_not_lock_out_another(client, branch_secretary,
                                                                     settings):
    settings.TRUSTED_PROXY_COUNT = 1
    _fail_five_times(client, REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.7")
    other = client.post(reverse("accounts:login"),
                        {"username": "branch_secretary", "password": PASSWORD},
                        REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.9")
    assert other.status_code == 302


def test_a_forged_forwarded_header_does_not_escape_the_lockout(client, branch_secretary,
                                                               settings):
    settings.TRUSTED_PROXY_COUNT = 1
    _fail_five_times(client, REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.7")
    # The client prepends a made-up address; the proxy still appends the real one.
    again = client.post(reverse("accounts:login"),
                        {"username": "branch_secretary", "password": PASSWORD},
                        REMOTE_ADDR="10.0.0.2",
                        HTTP_X_FORWARDED_FOR="192.0.2.1, 203.0.113.7")
    assert again.status_code == 429


def test_an_english_browser_still_gets_chinese_until_the_switch_is_used(client, db):
    page = client.get(reverse("accounts:login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert "用户名" in page.content.decode()
    client.post(reverse("layout:language"), {"language": "en", "next": "/"})
    page = client.get(reverse("accounts:login"), HTTP_ACCEPT_LANGUAGE="zh-CN")
    assert "Username" in page.content.decode()


def test_an_unknown_language_cookie_falls_back_to_chinese(client, db):
    client.cookies["django_language"] = "xx"
    assert "用户名" in client.get(reverse("accounts:login")).content.decode()
