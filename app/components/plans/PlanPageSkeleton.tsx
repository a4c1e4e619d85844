import { useLocation, useNavigation } from "@remix-run/react";
import { Card, Layout, SkeletonBodyText, SkeletonDisplayText, SkeletonPage } from "@shopify/polaris";

/** True while another page is loading: the plan pages show a skeleton instead of stale content meanwhile. */
export function useLoadingAnotherPage(): boolean {
  const navigation = useNavigation();
  const location = useLocation();
  return navigation.state === "loading" && navigation.formMethod === undefined && navigation.location.pathname !== location.pathname;
}

/** The plan pages' loading state: the shape of a page of cards. */
export function PlanPageSkeleton() {
  return (
    <SkeletonPage primaryAction backAction>
      <Layout>
        <Layout.Section>
          <Card>
            <SkeletonDisplayText size="small" />
            <SkeletonBodyText lines={4} />
          </Card>
        </Layout.Section>
        <Layout.Section>
          <Card>
            <SkeletonBodyText lines={6} />
          </Card>
        </Layout.Section>
      </Layout>
    </SkeletonPage>
  );
}
