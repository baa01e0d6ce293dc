from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from hubwork.accounts.models import User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "display_name", "is_national_admin", "is_staff", "is_active"]
    list_filter = ["is_national_admin", "is_staff", "is_active"]
    search_fields = ["email", "display_name"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        ("Person", {"fields": ("display_name",)}),
        ("Roles", {"fields": ("is_national_admin", "is_staff", "is_superuser", "is_active")}),
        ("Dates", {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {"classes": ("wide",), "fields": ("email", "display_name", "password1", "password2")},
        ),
    )
    readonly_fields = ["last_login", "date_joined"]
