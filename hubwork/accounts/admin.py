"""The national team changes people's names, roles and flags here, through `user_update`.

People make their own accounts by signing up (the first national admin with
`createsuperuser`), change their own address and password, and are deactivated rather than
deleted here, since deleting a person would delete their Work Group history with them.
"""

from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.forms import BaseFormSet, ModelForm
from django.http import HttpRequest
from django.urls import URLPattern

from hubwork.accounts.models import User
from hubwork.accounts.services.users import user_update
from hubwork.accounts.types import AuthenticatedRequest
from hubwork.core.admin import ServiceAdmin


@admin.register(User)
class UserAdmin(ServiceAdmin[User], DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "display_name", "is_national_admin", "is_staff", "is_active"]
    list_filter = ["is_national_admin", "is_staff", "is_active"]
    search_fields = ["email", "display_name"]
    fieldsets = (
        (None, {"fields": ("email",)}),
        ("Person", {"fields": ("display_name",)}),
        ("Roles", {"fields": ("is_national_admin", "is_staff", "is_superuser", "is_active")}),
        ("Dates", {"fields": ("last_login", "date_joined")}),
    )
    readonly_fields = ["email", "last_login", "date_joined"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: User | None = None) -> bool:
        return False

    def get_urls(self) -> list[URLPattern]:
        # Without Django's page for setting someone else's password: people set their own.
        return admin.ModelAdmin.get_urls(self)

    def service_save(
        self,
        request: AuthenticatedRequest,
        obj: User,
        form: ModelForm[User],
        formsets: list[BaseFormSet[Any]],
        change: bool,
    ) -> None:
        user_update(
            user=obj,
            display_name=obj.display_name,
            is_national_admin=obj.is_national_admin,
            is_staff=obj.is_staff,
            is_superuser=obj.is_superuser,
            is_active=obj.is_active,
            by=request.user,
        )
