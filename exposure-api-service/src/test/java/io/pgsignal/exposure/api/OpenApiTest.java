package io.pgsignal.exposure.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class OpenApiTest {

  @Test
  void openApiDocumentsEveryExposureEndpointWithItsErrors() {
    var spec = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200);
    for (String path :
        new String[] {
          "/api/signals/board",
          "/api/signals/inbox",
          "/api/signals/inbox/summary",
          "/api/signals/inbox/read",
          "/api/signals/inbox/ack",
          "/api/signals/stream",
          "/api/signals/events/{event_id}",
          "/api/iu/notifications/board",
          "/api/iu/notifications/unread",
          "/api/iu/notifications/read"
        }) {
      spec.body("paths", hasKey(path));
    }
    spec.body(
            "paths.'/api/signals/inbox'.get.parameters.find { it.name == 'cursor' }",
            notNullValue())
        .body("paths.'/api/signals/inbox'.get.responses", hasKey("400"))
        .body("paths.'/api/signals/inbox'.get.responses", hasKey("401"))
        .body("paths.'/api/signals/board'.get.responses", hasKey("403"))
        .body("paths.'/api/signals/inbox/read'.post.responses", hasKey("415"))
        .body("paths.'/api/iu/notifications/unread'.get.responses", hasKey("400"))
        .body("paths.'/api/iu/notifications/unread'.get.responses", hasKey("403"))
        .body("paths.'/api/iu/notifications/read'.post.responses", hasKey("401"))
        .body("paths.'/api/iu/notifications/read'.post.responses", hasKey("415"))
        .body(
            "paths.'/api/iu/notifications/read'.post.responses.'400'.description",
            startsWith("Body is not"));
  }
}
