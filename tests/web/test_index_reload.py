"""A rebuilt index is picked up without restarting the app; no index yet is a 503."""
from indexer.build import build_index
from web import create_app


def test_rebuild_is_picked_up_without_restart(tmp_path, reports):
    build_index([reports[110]], tmp_path)
    client = create_app({"INDEX_ROOT": tmp_path, "TESTING": True}).test_client()
    assert [r["id"] for r in client.get("/api/reports").get_json()] == ["gxszflgj-110"]
    assert client.get("/p/gxszflgj-104-3.2-1").status_code == 404
    build_index([reports[104], reports[110]], tmp_path)
    assert [r["id"] for r in client.get("/api/reports").get_json()] == ["gxszflgj-104", "gxszflgj-110"]
    assert client.get("/p/gxszflgj-104-3.2-1").status_code == 200


def test_no_index_yet_is_503_until_one_is_built(tmp_path, reports):
    client = create_app({"INDEX_ROOT": tmp_path, "TESTING": True}).test_client()
    response = client.get("/api/search?q=x")
    assert response.status_code == 503 and response.headers["Retry-After"]
    assert "reportsearch index" in response.get_json()["error"]
    assert client.get("/").status_code == 503
    build_index([reports[110]], tmp_path)
    assert client.get("/api/search?q=勞工").get_json()["total"] > 0
