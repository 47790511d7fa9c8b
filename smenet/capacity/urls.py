app_name = "capacity"

urlpatterns: list = []
